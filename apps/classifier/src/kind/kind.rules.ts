import { lexiconRule, ruleSet, type RuleSet } from '../rules/lexicon-rule';

/** Words that state a problem or ask for action: what makes a post an actionable complaint. */
export const COMPLAINT_RULES: RuleSet = ruleSet([
  lexiconRule('complaint:request', ['прошу', 'просим', 'просьба', 'требу', 'необходимо', 'нужно (?:убрать|сделать|починить|отремонтировать|заменить|вывезти|установить|восстановить)', 'устрани', 'примите меры', 'принять меры', 'разберитесь', 'помогите', 'обратите внимание', 'уберите', 'почините', 'отремонтируйте', 'вывезите', 'очистите', 'закрасьте', 'замените', 'установите', 'восстановите', 'жалоб', 'обращаюсь', 'обращение']),
  lexiconRule('complaint:malfunction', ['не работа', 'не горит', 'не горят', 'не убира', 'не убран', 'не вывоз', 'не вывез', 'не чист', 'неисправ', 'сломал', 'сломан', 'разбит', 'поврежд', 'поломк', 'тресн', 'недодела', 'не заверш', 'не чищен', 'не косят', 'не кошен', 'нескошен', 'заросл', 'зарос', 'забит', 'размыл', 'провалил', 'нет (?:света|воды|отоплени|газа|освещени)', 'отсутству', 'не закрыва', 'течет', 'протека', 'прорвал', 'засор', 'затопил', 'отключ', 'обрушил', 'провис', 'оборван', 'покосил', 'упал']),
  lexiconRule('complaint:condition', ['мусор', 'свалк', 'грязь', 'грязн', 'ям[аыу]', 'выбоин', 'лужа', 'лужи', 'сугроб', 'неубран', 'наледь', 'гололед', 'сосульк', 'вонь', 'запах', 'крыс', 'тараканы', 'граффити', 'надпис', 'объявлени', 'реклам', 'холодно', 'бродяч[а-я]* собак', 'стая']),
  lexiconRule('complaint:neglect', ['до сих пор', 'никто не', 'безобрази', 'сколько можно', 'который (?:день|месяц|год)', 'уже (?:неделю|месяц|год)', 'неоднократно', 'опять', 'снова']),
]);

/** Negation and absence: weak evidence of a problem on its own, but most appeals have it. */
export const WEAK_PROBLEM_RULES: RuleSet = ruleSet([lexiconRule('complaint:negation', ['не [а-я]', 'нет', 'без [а-я]', 'отказ'])]);

/** "Thanks, but …": gratitude followed by a problem is a complaint. */
export const CONTRAST_RULES: RuleSet = ruleSet([lexiconRule('complaint:but', ['но ', 'однако', 'только вот', 'а вот', 'к сожалению'])]);

/** Gratitude: a post that only thanks is not an incident. */
export const THANKS_RULES: RuleSet = ruleSet([
  lexiconRule('thanks:gratitude', ['спасибо', 'благодар', 'признател', 'молодц', 'спс']),
]);

/** Question forms: a request for information is answered, not routed as a defect. */
export const QUESTION_RULES: RuleSet = ruleSet([
  lexiconRule('question:interrogative', ['подскажите', 'скажите', 'не подскажете', 'подскажет кто', 'кто знает', 'когда (?:будет|начнут|закончат|откроют|дадут|включат)', 'как (?:получить|оформить|записаться|узнать|можно)', 'куда (?:обращаться|обратиться|звонить)', 'где (?:можно|получить|узнать)', 'можно ли', 'есть ли', 'будет ли', 'планируется ли', 'почему', 'зачем']),
]);

/** Advertising and spam markers: such posts are dismissed, never routed. */
export const ADVERTISING_RULES: RuleSet = ruleSet([
  lexiconRule('other:advertising', ['скидк', 'акци[яи] ', 'распродаж', 'купите', 'закажите', 'звоните по', 'подписывайтесь', 'переходите по ссылке', 'доставка бесплатно', 'заработ[а-я]* (?:от|до) ', 'промокод']),
]);
