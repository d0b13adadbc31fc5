/**
 * Compiled services import the shared libraries as `@limye/*`. This maps those names onto the compiled
 * output (dist/libs/…) at run time; it must be the first import of every main.ts.
 */
import * as path from 'path';
import { register } from 'tsconfig-paths';

const distRoot = path.resolve(__dirname, '../../..');
register({
  baseUrl: distRoot,
  paths: {
    '@limye/contracts': ['libs/contracts/src'],
    '@limye/contracts/*': ['libs/contracts/src/*'],
    '@limye/platform': ['libs/platform/src'],
    '@limye/platform/*': ['libs/platform/src/*'],
    '@limye/local-stack': ['libs/local-stack/src'],
    '@limye/simulators': ['libs/simulators/src'],
    '@limye/simulators/*': ['libs/simulators/src/*'],
  },
});
