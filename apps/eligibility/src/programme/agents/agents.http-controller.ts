import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';

@Controller('v1/agents')
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  @RequireRoles(...ACCESS.programmeManage)
  create(@Body() body: CreateAgentRequest, @Caller() caller?: Principal): Promise<AgentAdminView> {
    return this.agents.create(body, caller);
  }

  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  async list(): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list() };
  }

  @Get(':id')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(params.id);
  }

  @Patch(':id')
  @RequireRoles(...ACCESS.programmeManage)
  update(@Param() params: IdParams, @Body() body: UpdateAgentRequest, @Caller() caller?: Principal): Promise<AgentAdminView> {
    return this.agents.update(params.id, body, caller);
  }
}
