import { Module } from '@nestjs/common';

/** Placeholder: companies, products, agents, budgets, sales, OMIS/MEIS clients (being built). */
@Module({})
export class ProgrammeModule {}
