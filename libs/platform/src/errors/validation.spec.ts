import 'reflect-metadata';
import * as fs from 'fs';
import * as path from 'path';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { projectRoot } from '../config/project-files';
import { toProblem } from './all-exceptions.filter';
import { createValidationPipe, MAX_REPORTED_FIELDS } from './validation';

class Leaf {
  @IsString() @MaxLength(8)
  code: string;

  @IsIn(['a', 'b'])
  kind: string;
}

class Branch {
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => Leaf)
  leaves: Leaf[];
}

class Tree {
  @IsString()
  name: string;

  @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => Branch)
  branches: Branch[];

  @IsOptional() @IsArray() @ArrayMaxSize(2, { message: 'tags may hold 2 at most' }) @IsString({ each: true })
  tags?: string[];
}

/** The 400 the platform's pipe answers for `body` (as the filter sends it), or fails when the body passes. */
async function problemFor(body: unknown): Promise<Record<string, any>> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Tree });
  } catch (err) {
    return toProblem(err);
  }
  throw new Error('the body passed validation');
}

describe('the validation pipe bounds its answer to a hostile body', () => {
  it('names every bad field of an ordinary body, once in message and once in fields', async () => {
    const problem = await problemFor({ name: 1, branches: [{ leaves: [{ code: 'x', kind: 'c' }] }] });
    expect(problem).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'name: name must be a string; branches.0.leaves.0.kind: kind must be one of the following values: a, b',
      fields: [
        { field: 'name', problems: ['name must be a string'] },
        { field: 'branches.0.leaves.0.kind', problems: ['kind must be one of the following values: a, b'] },
      ],
    });
  });

  it('refuses an array over its max size before validating its elements', async () => {
    const problem = await problemFor({ name: 'x', branches: Array.from({ length: 20_000 }, () => ({})) });
    expect(problem).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'branches: branches must contain no more than 5 elements',
      fields: [{ field: 'branches', problems: ['branches must contain no more than 5 elements'] }],
    });
  });

  it('does so at any depth, and with the message the DTO gives', async () => {
    const leaves = Array.from({ length: 20_000 }, () => ({}));
    expect((await problemFor({ name: 'x', branches: [{ leaves: [] }, { leaves }] })).fields).toEqual([
      { field: 'branches.1.leaves', problems: ['leaves must contain no more than 3 elements'] },
    ]);
    expect((await problemFor({ name: 'x', branches: [], tags: ['a', 'b', 'c'] })).fields).toEqual([{ field: 'tags', problems: ['tags may hold 2 at most'] }]);
  });

  it(`names at most ${MAX_REPORTED_FIELDS} fields, then says how many more`, async () => {
    const body: Record<string, unknown> = { name: 'x', branches: [] };
    for (let i = 0; i < 6_500; i++) body[`k${i}`] = 1;
    const problem = await problemFor(body);
    expect(problem.fields).toHaveLength(MAX_REPORTED_FIELDS);
    expect(problem.fields[0]).toEqual({ field: 'k0', problems: ['property k0 should not exist'] });
    expect(problem.omittedFields).toBe(6_500 - MAX_REPORTED_FIELDS);
    expect(problem.message).toMatch(/; and 6480 more fields$/);
    expect(JSON.stringify(problem).length).toBeLessThan(8_000);
  });

  it('cuts a very long key or problem in what it echoes', async () => {
    const key = 'k'.repeat(60_000);
    const problem = await problemFor({ name: 'x', branches: [], [key]: 1 });
    expect(JSON.stringify(problem).length).toBeLessThan(2_000);
    expect(problem.fields[0].field).toMatch(/^k+…$/);
  });
});

describe('DTOs of every app', () => {
  /** The .ts sources (not tests) under a folder. */
  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(file);
      return /\.ts$/.test(e.name) && !/spec\.ts$/.test(e.name) ? [file] : [];
    });
  }

  it('bound every array validated element by element (@ValidateNested each) with @ArrayMaxSize', () => {
    const root = projectRoot();
    const unbounded: string[] = [];
    for (const file of [...sources(path.join(root, 'apps')), ...sources(path.join(root, 'libs'))]) {
      // One property's decorators and declaration end at its ';'.
      for (const declaration of fs.readFileSync(file, 'utf8').split(';')) {
        if (/ValidateNested\(\s*\{[^}]*each:\s*true/.test(declaration) && !/ArrayMaxSize\(/.test(declaration)) {
          unbounded.push(`${path.relative(root, file)}: ${declaration.trim().split('\n').pop()}`);
        }
      }
    }
    expect(unbounded).toEqual([]);
  });
});
