import { assertPath } from '../json-path';
import { nonNegativeInteger } from './error-handling';
import { renderIo, type InputOutputProps } from './io';
import { NextableState, type AslState, type StateProps } from './state';

/** The longest wait ASL allows: one year. */
const MAX_WAIT_SECONDS = 31_536_000;

/** How long a Wait state waits. */
export class WaitTime {
  private constructor(private readonly field: Record<string, string | number>) {}

  /** A fixed number of seconds (0 to one year). */
  static seconds(seconds: number): WaitTime {
    nonNegativeInteger(seconds, 'WaitTime.seconds', 0);
    if (seconds > MAX_WAIT_SECONDS) throw new Error(`WaitTime.seconds: ${seconds} is over the one-year limit (${MAX_WAIT_SECONDS}).`);
    return new WaitTime({ Seconds: seconds });
  }

  /** Seconds read from the input. */
  static secondsPath(path: string): WaitTime {
    return new WaitTime({ SecondsPath: assertPath(path, 'WaitTime.secondsPath') });
  }

  /** Until an ISO-8601 timestamp, e.g. `2026-01-01T00:00:00Z`. */
  static timestamp(timestamp: string): WaitTime {
    if (Number.isNaN(Date.parse(timestamp)) || !/^\d{4}-\d{2}-\d{2}T/.test(timestamp)) {
      throw new Error(`WaitTime.timestamp: '${timestamp}' is not an ISO-8601 timestamp such as 2026-01-01T00:00:00Z.`);
    }
    return new WaitTime({ Timestamp: timestamp });
  }

  /** Until a timestamp read from the input. */
  static timestampPath(path: string): WaitTime {
    return new WaitTime({ TimestampPath: assertPath(path, 'WaitTime.timestampPath') });
  }

  /** @internal */
  render(): Record<string, string | number> {
    return { ...this.field };
  }
}

export interface WaitProps extends StateProps, InputOutputProps {
  readonly time: WaitTime;
}

export class Wait extends NextableState {
  readonly type = 'Wait';

  constructor(
    name: string,
    private readonly props: WaitProps,
  ) {
    super(name, props);
  }

  toAsl(): AslState {
    return {
      ...this.header(),
      ...renderIo(this.name, this.props),
      ...this.props.time.render(),
      ...this.transition(),
    };
  }
}
