import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTalkTime } from '../../../../shared/softphone';
import { onTick } from '../deadlines';

/** Time since the call was answered, written into the DOM by the shared one-second ticker (first at mount; no re-render). */
export function TalkTimer({ answeredAt }: { answeredAt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      onTick((now) => {
        if (ref.current) ref.current.textContent = formatTalkTime(now - answeredAt);
      }),
    [answeredAt],
  );
  return (
    <span role="timer" aria-label={t('phone.talkTime')} data-testid="talk-timer">
      <span ref={ref} />
    </span>
  );
}
