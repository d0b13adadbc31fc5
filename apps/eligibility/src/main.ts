import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { eligibilityService } from './eligibility.service-definition';

void bootstrapService(eligibilityService);
