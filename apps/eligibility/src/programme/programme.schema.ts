/** Entities and migrations of the programme side (companies, products, agents, budgets, sales, OMIS outbox). */
export const PROGRAMME_ENTITIES: Function[] = [];
export const PROGRAMME_MIGRATIONS: Function[] = [];
