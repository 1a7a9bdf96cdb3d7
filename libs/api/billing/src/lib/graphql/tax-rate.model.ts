import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@ObjectType('TenantTaxRate', { description: 'The tax rate a tenant’s invoices are drafted with from now on' })
export class TenantTaxRateModel {
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field(() => String, { nullable: true, description: 'Percent, decimal text (20 = 20 %); null: no tax' })
  taxRatePercent!: string | null;
}

@ArgsType()
export class TenantIdArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId!: string;
}

@ArgsType()
export class SetTenantTaxRateArgs extends TenantIdArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Percent from 0 to 100 with at most four decimals, e.g. "20" or "7.6250"; null clears it',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(20)
  taxRatePercent?: string | null;
}
