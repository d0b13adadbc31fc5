import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ACCESS, Caller, Principal, RequireRoles } from '@limye/platform';
import { IdParams } from '../admin/admin.params';
import { CreateAgentRequest, UpdateAgentRequest } from './agent.requests';
import { AgentAdminView, AgentsService } from './agents.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiItemsResponse } from '@limye/platform';
import { AgentResponse } from '../programme.responses';

/** Agents of the caller's organisation; another organisation's id is a 404. */
@Controller('v1/agents')
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @ApiOperation({ summary: 'Add a sales agent (phone, name, PIN, companies)' })
  @ApiCreatedResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.COMPANY_NOT_FOUND: a companyId names no company.', 409: 'ELIGIBILITY.AGENT_PHONE_TAKEN: an agent with this phone exists.' })
  @Post()
  @RequireRoles(...ACCESS.programmeManage)
  create(@Caller() caller: Principal, @Body() body: CreateAgentRequest): Promise<AgentAdminView> {
    return this.agents.create(caller.organisationId, body, caller);
  }

  @ApiOperation({ summary: 'List agents' })
  @ApiItemsResponse(AgentResponse, 'Every agent.')
  @Get()
  @RequireRoles(...ACCESS.programmeRead)
  async list(@Caller() caller: Principal): Promise<{ items: AgentAdminView[] }> {
    return { items: await this.agents.list(caller.organisationId) };
  }

  @ApiOperation({ summary: 'Read an agent' })
  @ApiOkResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.AGENT_NOT_FOUND: no agent with this id.' })
  @Get(':id')
  @RequireRoles(...ACCESS.programmeRead)
  get(@Caller() caller: Principal, @Param() params: IdParams): Promise<AgentAdminView> {
    return this.agents.get(caller.organisationId, params.id);
  }

  @ApiOperation({ summary: 'Change an agent: name, PIN (clears a lock), companies, active, unlock' })
  @ApiOkResponse({ type: AgentResponse })
  @ApiErrors({ 404: 'ELIGIBILITY.AGENT_NOT_FOUND (or a companyId that names no company).' })
  @Patch(':id')
  @RequireRoles(...ACCESS.programmeManage)
  update(@Caller() caller: Principal, @Param() params: IdParams, @Body() body: UpdateAgentRequest): Promise<AgentAdminView> {
    return this.agents.update(caller.organisationId, params.id, body, caller);
  }
}
