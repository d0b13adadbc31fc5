import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** A `{ items: T[] }` answer (the list routes' shape), schema `T` declared once as a component. */
export function ApiItemsResponse(item: Type<unknown>, description: string, status = 200): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status,
      description,
      schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
    }),
  );
}
