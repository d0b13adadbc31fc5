import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { Caller, Principal } from '@limye/platform';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';

@Controller('v1/agents')
@UseGuards(AdminApiKeyGuard)
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  create(@Body() body: CreateAgentRequest, @Caller() caller?: Principal): Promise<AgentAdminView> {
    return this.agents.create(body, caller);
  }

  @Get()
  async list(): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list() };
  }

  @Get(':id')
  get(@Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(params.id);
  }

  @Patch(':id')
  update(@Param() params: IdParams, @Body() body: UpdateAgentRequest, @Caller() caller?: Principal): Promise<AgentAdminView> {
    return this.agents.update(params.id, body, caller);
  }
}
