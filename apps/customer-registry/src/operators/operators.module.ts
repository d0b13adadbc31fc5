import { Module } from '@nestjs/common';
import { OperatorsService } from './operators.service';
import { OrganisationUsersHttpController, OwnUserHttpController } from './operators.http-controller';
import { SignInLockout } from './sign-in-lockout';

@Module({
  controllers: [OrganisationUsersHttpController, OwnUserHttpController],
  providers: [OperatorsService, SignInLockout],
  exports: [OperatorsService, SignInLockout],
})
export class OperatorsModule {}
