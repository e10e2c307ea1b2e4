-- The language a member reads us in: messages go out from the template in it (the notification
-- relay falls back to the other language's template on a channel that lacks it), the survey page
-- opens in it. zh for everyone until they say otherwise: the programs' members are in China.
ALTER TABLE members ADD COLUMN language text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en'));
