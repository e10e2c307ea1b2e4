import { useEffect, useState } from 'react';
import { Card, Descriptions, List, Space, Typography } from 'antd';
import { ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../api/client.ts';
import { getMemberReferrals, getReferralCode, type MemberReferrals, type ReferralCode } from '../../../api/referrals.ts';
import { formatTime } from '../../../lib/format.ts';
import { memberLabel, ReferralReason, ReferralStatusTag } from '../../referrals/referral-status-tag.tsx';

/** 推荐好友 on the member's page: their code and share link, who referred them, the friends they referred. */
export function ReferralsCard({ programId, memberId }: { programId: string; memberId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<ReferralCode | null>(null);
  const [refs, setRefs] = useState<MemberReferrals | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setCode(null);
    setRefs(null);
    Promise.all([getReferralCode(programId, memberId), getMemberReferrals(programId, memberId)])
      .then(([c, r]) => { setCode(c); setRefs(r); }, (err: unknown) => setError(errorText(err)));
  }, [programId, memberId]);

  const none = t('member.noName');
  return (
    <Card title={<Space><ShareAltOutlined />{t('referrals.member.title')}</Space>} loading={!code && !error} data-testid="member-referrals">
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {code && refs && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('referrals.member.code')}>
              <Typography.Text strong copyable={{ text: code.code }} style={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1 }} data-testid="referral-code">{code.code_grouped}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.member.shareLink')}>
              {code.share_url
                ? <Typography.Text copyable data-testid="referral-share-url">{code.share_url}</Typography.Text>
                : <Typography.Text type="secondary">{t('referrals.member.noShareLink')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.member.referredBy')} span={2}>
              {refs.referred_by
                ? (
                  <Space wrap>
                    <Link to={`/members/${refs.referred_by.referrer.id}`}>{memberLabel(refs.referred_by.referrer, none)}</Link>
                    <ReferralStatusTag status={refs.referred_by.status} />
                    <ReferralReason r={refs.referred_by} />
                  </Space>
                )
                : <Typography.Text type="secondary">{t('referrals.member.notReferred')}</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header={<Typography.Text strong>{t('referrals.member.friends', { count: refs.referrals.length })}</Typography.Text>}
            locale={{ emptyText: t('referrals.member.noFriends') }}
            dataSource={refs.referrals}
            data-testid="referral-friends"
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/members/${r.friend.id}`}>{memberLabel(r.friend, none)}</Link>
                  <ReferralStatusTag status={r.status} />
                  <ReferralReason r={r} />
                  <Typography.Text type="secondary">{formatTime(r.created_at)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}
