import { useEffect, useState } from 'react';
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../api/client.ts';
import { memberSurveys, type MemberSurvey } from '../../../api/surveys.ts';
import { formatTime } from '../../../lib/format.ts';

const STATUS_COLOR = { sent: 'blue', answered: 'green', skipped: 'default', expired: 'orange' } as const;

/** The member's surveys: each invitation (sent, answered, not sent and why, expired) and the answer beside it. */
export function MemberSurveysCard({ programId, memberId }: { programId: string; memberId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<MemberSurvey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    memberSurveys(programId, memberId).then((r) => setItems(r.items), (err: unknown) => setError(errorText(err)));
  }, [programId, memberId]);
  return (
    <Card title={t('surveys.member.title')} data-testid="member-surveys-card">
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : (
        <Table<MemberSurvey> rowKey="invitation_id" size="small" loading={!items} dataSource={items ?? []} pagination={{ pageSize: 5, hideOnSinglePage: true }}
          locale={{ emptyText: t('surveys.member.empty') }}
          columns={[
            { title: t('surveys.member.survey'), render: (_, s) => <Link to={`/surveys/${s.survey_id}`}>{s.title}</Link> },
            { title: t('surveys.member.caseNo'), render: (_, s) => s.case_number ?? '—' },
            {
              title: t('surveys.member.status'),
              render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{t(`surveys.member.statuses.${s.status}`)}{s.reason ? ` · ${t(`surveys.member.reasons.${s.reason}`, { defaultValue: s.reason })}` : ''}</Tag>,
            },
            { title: t('surveys.member.sent'), render: (_, s) => formatTime(s.created_at) },
            { title: t('surveys.member.answer'), render: (_, s) => (s.answer ? <span><Tag>{s.answer.score ?? '—'}</Tag>{s.answer.comment ?? ''}</span> : '—') },
          ]} />
      )}
    </Card>
  );
}
