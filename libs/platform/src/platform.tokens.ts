/** Injection token of the validated env object of the running service. */
export const SERVICE_ENV = Symbol('SERVICE_ENV');
/** Injection token of the running service's name. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
