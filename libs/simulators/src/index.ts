export * from './simulators.module';
export * from './simulators.env';
export * from './simulators.catalogue';
export { StateFileError } from './state/state-file';
