import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { InvoiceStatus, PaymentMethod } from './billing-enums';
import { PageArgs } from '@warbler/api/core';

/** A page is one query with its lines and payments; the cap keeps it cheap. */
export const MAX_INVOICE_PAGE = 100;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ArgsType()
export class InvoicePageArgs extends PageArgs({ defaultSize: 20, maxSize: MAX_INVOICE_PAGE }) {}

@ArgsType()
export class FinanceInvoicesArgs extends InvoicePageArgs {
  @Field(() => InvoiceStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InvoiceStatus)
  status?: InvoiceStatus | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  tenantId?: string | null;
}

@ArgsType()
export class InvoiceIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ArgsType()
export class VoidInvoiceArgs extends InvoiceIdArgs {
  @Field({ description: 'Why, for the tenant and the auditors; 1 to 500 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class RecordInvoicePaymentArgs extends InvoiceIdArgs {
  @Field({ description: 'Integer minor units of the invoice currency, above 0, as a string' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'amountMinor must be a whole number of minor units above 0' })
  amountMinor!: string;

  @Field(() => PaymentMethod)
  @IsEnum(PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'e.g. the bank transfer reference; up to 200 characters' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  reference?: string | null;
}
