import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { customerRegistryService } from './customer-registry.service-definition';

void bootstrapService(customerRegistryService);
