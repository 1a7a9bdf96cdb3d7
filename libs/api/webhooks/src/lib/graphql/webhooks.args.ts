import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_URL_LENGTH } from '../endpoints/endpoint-url';
import { WebhookDeliveryStatus, WebhookEventType } from './webhook-enums';
import { PageArgs } from '@warbler/api/core';

export const DESCRIPTION_MAX_LENGTH = 200;
/** A page is one query with each delivery's attempts; the cap keeps it cheap. */
export const MAX_DELIVERY_PAGE = 100;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const EVENT_TYPE_COUNT = Object.keys(WebhookEventType).length;

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https:// (http:// only where private targets are allowed)' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @Field(() => String, { nullable: true, defaultValue: '' })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @Field(() => [WebhookEventType])
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EVENT_TYPE_COUNT)
  @IsEnum(WebhookEventType, { each: true })
  eventTypes!: WebhookEventType[];

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

/** What an update may change; what it leaves out stays as it is. */
@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_URL_LENGTH)
  url?: string | null;

  @Field(() => String, { nullable: true })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EVENT_TYPE_COUNT)
  @IsEnum(WebhookEventType, { each: true })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@ArgsType()
export class WebhookEndpointIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class UpdateWebhookEndpointArgs extends WebhookEndpointIdArgs {
  @Field(() => UpdateWebhookEndpointInput)
  @ValidateNested()
  @Type(() => UpdateWebhookEndpointInput)
  input!: UpdateWebhookEndpointInput;
}

@ArgsType()
export class RotateWebhookSecretArgs extends WebhookEndpointIdArgs {
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Stop signing with the current secret at once (it leaked) instead of after 24 hours',
  })
  @IsOptional()
  @IsBoolean()
  expireCurrentNow?: boolean | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs({ defaultSize: 20, maxSize: MAX_DELIVERY_PAGE }) {
  @Field(() => ID, { nullable: true, description: 'One endpoint’s deliveries; all of the tenant’s when left out' })
  @IsOptional()
  @IsUUID()
  endpointId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus | null;
}

@ArgsType()
export class WebhookDeliveryIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
