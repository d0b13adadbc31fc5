import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { AdminApiKeyGuard } from '../admin/admin-api-key.guard';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { AgentResponse } from '../programme.responses';

@Controller('v1/agents')
@UseGuards(AdminApiKeyGuard)
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @ApiOperation({ summary: 'Add a sales agent (phone, name, PIN, companies)' })
  @ApiCreatedResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: a companyId names no company.', 409: 'ELIGIBILITY.AGENT_PHONE_TAKEN: an agent with this phone exists.' })
  @Post()
  create(@Body() body: CreateAgentRequest): Promise<AgentAdminView> {
    return this.agents.create(body);
  }

  @ApiOperation({ summary: 'List agents' })
  @ApiItemsResponse(AgentResponse, 'Every agent.')
  @Get()
  async list(): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list() };
  }

  @ApiOperation({ summary: 'Read an agent' })
  @ApiOkResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.AGENT_NOT_FOUND: no agent with this id.' })
  @Get(':id')
  get(@Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(params.id);
  }

  @ApiOperation({ summary: 'Change an agent: name, PIN (clears a lock), companies, active, unlock' })
  @ApiOkResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.AGENT_NOT_FOUND (or a companyId that names no company).' })
  @Patch(':id')
  update(@Param() params: IdParams, @Body() body: UpdateAgentRequest): Promise<AgentAdminView> {
    return this.agents.update(params.id, body);
  }
}
