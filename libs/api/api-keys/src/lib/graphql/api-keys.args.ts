import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ApiKeyScope } from './api-key.model';

/** Long enough for "Production ingestion (eu-west-1)", short enough for a table cell. */
export const API_KEY_NAME_MAX_LENGTH = 80;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(API_KEY_NAME_MAX_LENGTH)
  name!: string;

  @Field(() => [ApiKeyScope])
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(Object.keys(ApiKeyScope).length)
  @IsEnum(ApiKeyScope, { each: true })
  scopes!: ApiKeyScope[];

  @Field(() => Date, { nullable: true, description: 'In the future, at most two years ahead; none: never expires' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class ApiKeyIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class RenameApiKeyArgs extends ApiKeyIdArgs {
  @Field()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(API_KEY_NAME_MAX_LENGTH)
  name!: string;
}
