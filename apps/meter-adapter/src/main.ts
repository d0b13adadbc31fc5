import '../../../libs/platform/src/register-paths';
import { bootstrapService } from '@limye/platform';
import { meterAdapterService } from './meter-adapter.service-definition';

void bootstrapService(meterAdapterService);
