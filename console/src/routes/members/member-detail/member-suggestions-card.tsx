import { useEffect, useState } from 'react';
import { Card, Col, Empty, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { memberSuggestions, type MemberSuggestions, type Suggestion } from '../../../api/suggestions.ts';
import { formatTime } from '../../../lib/format.ts';
import { SuggestionStatusTag } from '../../suggestions/suggestion-tags.tsx';

/** The member's suggestions and the ones they support, each with its status (issue 12). */
export function MemberSuggestionsCard({ programId, memberId }: { programId: string; memberId: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<MemberSuggestions | null>(null);
  useEffect(() => { void memberSuggestions(programId, memberId).then(setData, () => setData({ authored: [], supported: [] })); }, [programId, memberId]);
  const list = (items: Suggestion[] | undefined, testId: string) => (
    <List
      size="small" loading={!data} dataSource={items ?? []} data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.member.none')} /> }}
      renderItem={(s) => (
        <List.Item extra={<SuggestionStatusTag status={s.status} />}>
          <List.Item.Meta
            title={s.title}
            description={<Typography.Text type="secondary">{formatTime(s.submitted_at)} · {s.category.name}{s.reward_points ? ` · +${s.reward_points}` : ''}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
  return (
    <Card title={t('suggestions.member.title')} extra={<Link to="/suggestions">{t('suggestions.nav')}</Link>} data-testid="member-suggestions-card">
      <Row gutter={24}>
        <Col xs={24} md={12}><Typography.Title level={5}>{t('suggestions.member.authored')}</Typography.Title>{list(data?.authored, 'member-suggestions-authored')}</Col>
        <Col xs={24} md={12}><Typography.Title level={5}>{t('suggestions.member.supported')}</Typography.Title>{list(data?.supported, 'member-suggestions-supported')}</Col>
      </Row>
    </Card>
  );
}
