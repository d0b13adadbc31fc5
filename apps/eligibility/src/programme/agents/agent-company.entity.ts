import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Company } from '../companies/company.entity';
import { Agent } from './agent.entity';

/** An agent sells for this company (an agent may sell for several). */
@Entity({ name: 'agent_companies' })
@Index('agent_companies_company_idx', ['companyId'])
export class AgentCompany {
  @PrimaryColumn({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  /** The organisation of both the agent and the company (the service never links across organisations). */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  // Declared for their foreign keys; never loaded.
  @ManyToOne(() => Agent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'agent_companies_agent_fk' })
  agent?: Agent;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'agent_companies_company_fk' })
  company?: Company;
}
