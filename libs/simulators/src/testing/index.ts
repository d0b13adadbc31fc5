export * from './start-simulators';
