import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** The one way pages report the outcome of an action, so they all read and time the same. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  success(message: string): void {
    this.snackBar.open(message, undefined, {
      duration: 4000,
      panelClass: 'wb-snack-success',
    });
  }

  /** Errors stay until dismissed: people need time to read why something was refused. */
  error(message: string): void {
    this.snackBar.open(message, 'Dismiss', {
      panelClass: 'wb-snack-error',
      politeness: 'assertive',
    });
  }
}
