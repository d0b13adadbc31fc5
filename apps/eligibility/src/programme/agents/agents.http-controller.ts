import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { Caller, Principal } from '@limye/platform';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';

/** Agents of the caller's organisation; another organisation's id is a 404. */
@Controller('v1/agents')
@UseGuards(AdminApiKeyGuard)
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  create(@Caller() caller: Principal, @Body() body: CreateAgentRequest): Promise<AgentAdminView> {
    return this.agents.create(caller.organisationId, body);
  }

  @Get()
  async list(@Caller() caller: Principal): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list(caller.organisationId) };
  }

  @Get(':id')
  get(@Caller() caller: Principal, @Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(caller.organisationId, params.id);
  }

  @Patch(':id')
  update(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateAgentRequest): Promise<AgentAdminView> {
    return this.agents.update(caller.organisationId, params.id, body);
  }
}
