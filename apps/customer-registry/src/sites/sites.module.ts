import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Site } from './site.entity';
import { SitesHttpController } from './sites.http-controller';
import { SitesService } from './sites.service';

@Module({
  imports: [TypeOrmModule.forFeature([Site])],
  controllers: [SitesHttpController],
  providers: [SitesService],
  exports: [SitesService],
})
export class SitesModule {}
