import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listAlerts, markAlertRead, type SlaAlertList } from '../../api/sla.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';

const KIND_COLOR = { warning: 'gold', breached: 'red', escalated: 'volcano' } as const;

/** The header's bell: the signed-in staff member's delivered SLA alerts, unread counted; polled each minute. */
export function AlertBell() {
  const { t, i18n } = useTranslation();
  const { program } = useSession();
  const navigate = useNavigate();
  const pid = program?.id ?? '';
  const [data, setData] = useState<SlaAlertList | null>(null);
  const load = useCallback(() => { listAlerts(pid).then(setData, () => setData(null)); }, [pid]);
  useEffect(() => {
    if (!pid) return undefined;
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [pid, load]);
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const content = (
    <div style={{ width: 380, maxHeight: 420, overflow: 'auto' }} data-testid="alert-list">
      {!data?.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.noAlerts')} /> : (
        <List
          size="small" dataSource={data.items}
          renderItem={(a) => (
            <List.Item
              style={{ opacity: a.read_at ? 0.6 : 1 }}
              actions={a.read_at ? [] : [<Button key="read" size="small" type="link" onClick={() => void markAlertRead(pid, a.id).then(load)}>{t('sla.markRead')}</Button>]}
            >
              <List.Item.Meta
                title={<><Tag color={KIND_COLOR[a.kind]}>{t(`sla.alertKinds.${a.kind}`)}</Tag><Typography.Text style={{ fontSize: 13 }}>{a.text[lang]}</Typography.Text></>}
                description={formatTime(a.delivered_at)}
              />
            </List.Item>
          )}
        />
      )}
      <Button type="link" block onClick={() => void navigate('/sla')}>{t('sla.title')}</Button>
    </div>
  );
  return (
    <Popover content={content} title={t('sla.alerts')} trigger="click" placement="bottomRight">
      <Badge count={data?.unread ?? 0} size="small">
        <Button icon={<BellOutlined />} aria-label={t('sla.bell')} data-testid="alert-bell" />
      </Badge>
    </Popover>
  );
}
