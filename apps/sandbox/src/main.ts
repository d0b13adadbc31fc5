import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { sandboxService } from './sandbox.service-definition';

void bootstrapService(sandboxService);
