import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export type BootFailure = { readonly kind: 'no-token' | 'ticket-refused' | 'refused' } | { readonly kind: 'internal'; readonly message: string };

/** Full-page message when the desk cannot reach its services: says what to do, never a blank window. */
export function BootError({ failure }: { failure: BootFailure }) {
  const { t } = useTranslation();
  return (
    <div data-zuoxi-boot-error={failure.kind}>
      <Result
        status="error"
        title={t('boot.failedTitle')}
        subTitle={failure.kind === 'internal' ? t('boot.internal', { message: failure.message }) : t(`boot.${failure.kind}`)}
      />
    </div>
  );
}
