import { Field, ID, ObjectType } from '@nestjs/graphql';
import { StaffRole } from './operator-enums';

@ObjectType('StaffAccount', { description: "A user of the operator's own staff" })
export class StaffAccountModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => StaffRole, { nullable: true, description: 'Null once the role was removed' })
  staffRole!: StaffRole | null;
  @Field({ description: 'Has enrolled a second factor (staff must before they can do anything)' })
  mfaEnrolled!: boolean;
  @Field() createdAt!: Date;
}
