import { Module } from '@nestjs/common';
import { IntegrationSettingsRepository } from './integration-settings.repository';
import { IntegrationsHttpController } from './integrations.http-controller';
import { IntegrationsNatsController } from './integrations.nats-controller';
import { IntegrationsService } from './integrations.service';

@Module({
  controllers: [IntegrationsHttpController, IntegrationsNatsController],
  providers: [IntegrationSettingsRepository, IntegrationsService],
})
export class IntegrationsModule {}
