import { Field, ObjectType } from '@nestjs/graphql';
import { SupportAccess } from './support-enums';

@ObjectType('SupportAccessSettings', { description: 'The tenant’s say over support access' })
export class SupportAccessSettingsModel {
  @Field(() => SupportAccess) access!: SupportAccess;
  @Field(() => Date, {
    nullable: true,
    description:
      'Support may open WRITE sessions without a platform admin’s approval until then; null: no grant in force',
  })
  writeGrantUntil!: Date | null;
  @Field(() => String, { nullable: true }) writeGrantedByEmail!: string | null;
  @Field(() => Date, { nullable: true }) writeGrantedAt!: Date | null;
}
