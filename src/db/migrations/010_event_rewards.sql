-- Event rewards (seed 000 第四章 第一条款 积分获取方式, 第七章 第三条款 建议采纳与奖励): points for
-- what a member does besides buying. A program sets the points per event; an award is kept
-- once per member, event and occurrence ('once', a year, a referral's or survey's id), so
-- a hook called twice, or at the same moment from two places, pays once.
CREATE TABLE event_rewards (
  program_id  text NOT NULL REFERENCES programs(id),
  event       text NOT NULL CHECK (event IN ('signup', 'profile_completed', 'birthday', 'referral', 'survey_answered', 'suggestion_adopted', 'goodwill')),
  points      integer NOT NULL CHECK (points >= 0),
  active      boolean NOT NULL DEFAULT true,
  actor       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, event)
);

CREATE TABLE event_awards (
  program_id  text NOT NULL,
  member_id   text NOT NULL,
  event       text NOT NULL,
  occurrence  text NOT NULL,
  points      integer NOT NULL CHECK (points > 0),
  entry_id    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id, event, occurrence)
);
