import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type ArgsClass = abstract new (...args: any[]) => object;

@ArgsType()
class NoArgs {}

export interface PageSize {
  /** How many items a page holds when the client does not say. */
  defaultSize: number;
  /** The most a client may ask for in one page. */
  maxSize: number;
  /** The longest cursor this list hands out, so a longer one is refused before it reaches the query. */
  maxCursorLength?: number;
}

/**
 * `first` and `after` of a cursor-paginated list (Relay's connection arguments), validated, added to
 * the list's own arguments (`Base`).
 */
export function PageArgs<TBase extends ArgsClass = typeof NoArgs>(
  { defaultSize, maxSize, maxCursorLength = 200 }: PageSize,
  Base: TBase = NoArgs as unknown as TBase,
) {
  @ArgsType()
  abstract class Page extends Base {
    @Field(() => Int, { nullable: true, defaultValue: defaultSize })
    @IsInt()
    @Min(1)
    @Max(maxSize)
    first = defaultSize;

    @Field(() => String, { nullable: true, description: 'The endCursor of the page already seen' })
    @IsOptional()
    @IsString()
    @MaxLength(maxCursorLength)
    after?: string | null;
  }
  return Page;
}
