/**
 * The seats a subscription pays for after moving to another plan version when no quantity is
 * asked for: the seats it had, raised to the version's included seats (they cost nothing) and
 * capped at its maximum.
 */
export function seatsCarriedTo(seats: number, version: { includedSeats: number; maxSeats: number }): number {
  return Math.min(Math.max(seats, version.includedSeats), version.maxSeats);
}
