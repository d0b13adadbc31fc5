import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { paymentIntakeService } from './payment-intake.service-definition';

void bootstrapService(paymentIntakeService);
