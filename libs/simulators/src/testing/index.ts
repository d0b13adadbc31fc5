export * from './start-simulators';
export * from './simulators-client';
