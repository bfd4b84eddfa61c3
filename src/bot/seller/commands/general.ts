// /help and /language.
import type { Language } from '../../../orders/language.js';
import { createGuestsRepo } from '../../../store/guests.js';
import { arg, parseArgs, vocabulary } from '../parse.js';
import { textsFor, usageError } from './shared.js';
import { refuse, type CommandFamily, type CommandSpec } from './types.js';

const ltr = (s: string, language: Language) => (language === 'ar' ? `\u2066${s}\u2069` : s);

const help: CommandSpec = {
  name: 'help',
  aliases: ['مساعدة', 'مساعده', 'الاوامر', 'اوامر', '?'],
  usage: '/help [command]',
  summary: { en: 'Lists the commands, or shows one command’s usage.', ar: 'يعرض الأوامر، أو طريقة استخدام أمر واحد.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.optionalWord((w) => w)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [wanted] = args.values;
    if (wanted) {
      const spec = ctx.registry.find(wanted);
      if (!spec) return refuse(t.unknownCommand(wanted.replace(/^\//, '')));
      const details = spec.details?.[ctx.language];
      return `${t.helpOne(spec.usage, spec.summary[ctx.language])}${details ? `\n\n${details}` : ''}`;
    }
    const families = ctx.registry.families.map((family) =>
      t.helpFamily(
        family.title[ctx.language],
        family.commands.map((c) => `${ltr(c.usage, ctx.language)} — ${c.summary[ctx.language]}`),
      ),
    );
    return t.help([t.helpIntro(), '', families.join('\n\n')]);
  },
};

const LANGUAGES = vocabulary<Language>({ en: ['en', 'english', 'انجليزي', 'انجليزيه', 'الانجليزيه'], ar: ['ar', 'arabic', 'عربي', 'العربيه'] });

const language: CommandSpec = {
  name: 'language',
  aliases: ['lang', 'اللغة', 'اللغه', 'لغة', 'لغه'],
  usage: '/language <ar|en>',
  summary: { en: 'Sets the language the bot answers you in.', ar: 'يحدد اللغة التي يرد بها البوت عليك.' },
  run(cmd, ctx) {
    const args = parseArgs(cmd, [arg.choice('value', LANGUAGES)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [choice] = args.values;
    createGuestsRepo(ctx.tx).setLanguage(ctx.sellerGuestId, choice, ctx.now);
    return choice === 'ar' ? 'حسناً، سأرد عليك بالعربية.' : 'Okay, I will answer you in English.';
  },
};

export const generalCommands: CommandFamily = {
  id: 'general',
  title: { en: 'General', ar: 'عام' },
  commands: [help, language],
};
