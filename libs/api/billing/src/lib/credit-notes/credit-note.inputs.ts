import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CreditNoteReason } from '../graphql/billing-enums';

/** A credit note with more lines than its invoice could sensibly have is a mistake, not a correction. */
export const MAX_CREDIT_NOTE_LINES = 100;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyAsNull = ({ value }: { value: unknown }) => {
  const text = trimmed({ value });
  return text === '' ? null : text;
};

@InputType()
export class CreditNoteLineInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The invoice line to credit part or all of; omit for a free-standing amount',
  })
  @IsOptional()
  @IsUUID()
  invoiceLineId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Required for a free-standing amount; defaults to the invoice line’s. Up to 500 characters',
  })
  @IsOptional()
  @Transform(emptyAsNull)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @Field({ description: 'Integer minor units of the invoice currency, above 0, as a string' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'amountMinor must be a whole number of minor units above 0' })
  amountMinor!: string;
}

@InputType()
export class IssueCreditNoteInput {
  @Field(() => ID)
  @IsUUID()
  invoiceId!: string;

  @Field(() => CreditNoteReason)
  @IsEnum(CreditNoteReason)
  reason!: CreditNoteReason;

  @Field(() => String, { nullable: true, description: 'Shown on the credit note; up to 1,000 characters' })
  @IsOptional()
  @Transform(emptyAsNull)
  @IsString()
  @MaxLength(1000)
  memo?: string | null;

  @Field(() => [CreditNoteLineInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CREDIT_NOTE_LINES)
  @ValidateNested({ each: true })
  @Type(() => CreditNoteLineInput)
  lines!: CreditNoteLineInput[];
}

@ArgsType()
export class IssueCreditNoteArgs {
  @Field(() => IssueCreditNoteInput)
  @ValidateNested()
  @Type(() => IssueCreditNoteInput)
  input!: IssueCreditNoteInput;

  @Field({
    description:
      'Chosen by the client, e.g. a UUID, 1 to 200 characters: a retry with the same key answers the credit note issued the first time',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey!: string;
}
