import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CreditGrantKind, PageArgs } from '@warbler/api/core';

/** A page of ledger movements is one query; the cap keeps it cheap. */
export const MAX_LEDGER_PAGE = 100;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class GrantCreditsInput {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;

  @Field(() => CreditGrantKind)
  @IsEnum(CreditGrantKind)
  kind!: CreditGrantKind;

  @Field({ description: 'ISO 4217, one Warbler bills in; only invoices of this currency spend the grant' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;

  @Field({ description: 'Integer minor units of the currency, above 0, as a string' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'amountMinor must be a whole number of minor units above 0' })
  amountMinor!: string;

  @Field({ description: 'Why, for the tenant and the auditors; 1 to 500 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'In the future; omit for credits that never expire' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class GrantCreditsArgs {
  @Field(() => GrantCreditsInput)
  @ValidateNested()
  @Type(() => GrantCreditsInput)
  input!: GrantCreditsInput;

  @Field({
    description:
      'Chosen by the client, e.g. a UUID, 1 to 200 characters: a retry with the same key answers the grant made the first time',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey!: string;
}

@ArgsType()
export class RevokeCreditGrantArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;

  @Field(() => ID)
  @IsUUID()
  grantId!: string;

  @Field({ description: 'Why, for the tenant and the auditors; 1 to 500 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class CreditLedgerArgs extends PageArgs({ defaultSize: 20, maxSize: MAX_LEDGER_PAGE, maxCursorLength: 40 }) {}

@ArgsType()
export class CreditTenantArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}

@ArgsType()
export class FinanceCreditLedgerArgs extends CreditLedgerArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}
