import { Field, ObjectType } from '@nestjs/graphql';
import { TenantRole } from '@warbler/api/identity';

/** What the accept page shows before anyone signs in. */
@ObjectType('InvitationPreview')
export class InvitationPreviewModel {
  @Field() tenantName!: string;
  @Field() email!: string;
  @Field(() => TenantRole) role!: TenantRole;
  @Field() expiresAt!: Date;
  /** Tells the page whether to ask for a password to sign in or to create an account. */
  @Field() accountExists!: boolean;
}
