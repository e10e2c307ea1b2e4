import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { MessageLog } from '../../notifications/message-log.tsx';

/** The messages sent to the member (their own component, issue 11): what reached them, on which channel, and what did not. */
export function MemberMessagesCard({ programId, memberId, canResend }: { programId: string; memberId: string; canResend: boolean }) {
  const { t } = useTranslation();
  return <Card title={t('notifications.memberTitle')} data-testid="member-messages-card"><MessageLog programId={programId} memberId={memberId} canResend={canResend} /></Card>;
}
