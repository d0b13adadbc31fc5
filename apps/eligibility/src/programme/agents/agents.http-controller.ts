import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';

/** Agents of the caller's organisation; another organisation's id is a 404. */
@Controller('v1/agents')
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  @RequireRoles(...ACCESS.programmeManage)
  create(@Caller() caller: Principal, @Body() body: CreateAgentRequest): Promise<AgentAdminView> {
    return this.agents.create(caller.organisationId, body);
  }

  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  async list(@Caller() caller: Principal): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list(caller.organisationId) };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Caller() caller: Principal, @Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(caller.organisationId, params.id);
  }

  @Patch(':id')
  @RequireRoles(...ACCESS.programmeManage)
  update(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateAgentRequest): Promise<AgentAdminView> {
    return this.agents.update(caller.organisationId, params.id, body);
  }
}
