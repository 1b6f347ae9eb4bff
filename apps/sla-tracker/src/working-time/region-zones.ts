/**
 * IANA zone of each Russian region's capital, by the region's two-digit OKTMO code. Regions that
 * span zones (Yakutia, Sakhalin) take the capital's; an agency elsewhere sets its own zone.
 * Separate zones matter for the past: Saratov, Ulyanovsk, Astrakhan, Volgograd, Tomsk, Barnaul,
 * Novosibirsk, Chita, Magadan and Sakhalin changed offsets apart from their neighbours.
 */
export const REGION_ZONES: Readonly<Record<string, string>> = {
  '01': 'Asia/Barnaul', '03': 'Europe/Moscow', '04': 'Asia/Krasnoyarsk', '05': 'Asia/Vladivostok',
  '07': 'Europe/Moscow', '08': 'Asia/Vladivostok', '10': 'Asia/Yakutsk', '11': 'Europe/Moscow',
  '12': 'Europe/Astrakhan', '14': 'Europe/Moscow', '15': 'Europe/Moscow', '17': 'Europe/Moscow',
  '18': 'Europe/Volgograd', '19': 'Europe/Moscow', '20': 'Europe/Moscow', '22': 'Europe/Moscow',
  '24': 'Europe/Moscow', '25': 'Asia/Irkutsk', '26': 'Europe/Moscow', '27': 'Europe/Kaliningrad',
  '28': 'Europe/Moscow', '29': 'Europe/Moscow', '30': 'Asia/Kamchatka', '32': 'Asia/Novokuznetsk',
  '33': 'Europe/Kirov', '34': 'Europe/Moscow', '35': 'Europe/Simferopol', '36': 'Europe/Samara',
  '37': 'Asia/Yekaterinburg', '38': 'Europe/Moscow', '40': 'Europe/Moscow', '41': 'Europe/Moscow',
  '42': 'Europe/Moscow', '44': 'Asia/Magadan', '45': 'Europe/Moscow', '46': 'Europe/Moscow',
  '47': 'Europe/Moscow', '49': 'Europe/Moscow', '50': 'Asia/Novosibirsk', '52': 'Asia/Omsk',
  '53': 'Asia/Yekaterinburg', '54': 'Europe/Moscow', '55': 'Asia/Qyzylorda', '56': 'Europe/Moscow',
  '57': 'Asia/Yekaterinburg', '58': 'Europe/Moscow', '60': 'Europe/Moscow', '61': 'Europe/Moscow',
  '63': 'Europe/Saratov', '64': 'Asia/Sakhalin', '65': 'Asia/Yekaterinburg', '66': 'Europe/Moscow',
  '67': 'Europe/Simferopol', '68': 'Europe/Moscow', '69': 'Asia/Tomsk', '70': 'Europe/Moscow',
  '71': 'Asia/Yekaterinburg', '73': 'Europe/Ulyanovsk', '75': 'Asia/Yekaterinburg', '76': 'Asia/Chita',
  '77': 'Asia/Anadyr', '78': 'Europe/Moscow', '79': 'Europe/Moscow', '80': 'Asia/Yekaterinburg',
  '81': 'Asia/Irkutsk', '82': 'Europe/Moscow', '83': 'Europe/Moscow', '84': 'Asia/Barnaul',
  '85': 'Europe/Moscow', '86': 'Europe/Moscow', '87': 'Europe/Moscow', '88': 'Europe/Moscow',
  '89': 'Europe/Moscow', '90': 'Europe/Moscow', '91': 'Europe/Moscow', '92': 'Europe/Moscow',
  '93': 'Asia/Krasnoyarsk', '94': 'Europe/Samara', '95': 'Asia/Krasnoyarsk', '96': 'Europe/Moscow',
  '97': 'Europe/Moscow', '98': 'Asia/Yakutsk', '99': 'Asia/Vladivostok',
};

/** Zone of a region, or undefined for a code Otklik does not know. */
export function regionZone(regionCode: string): string | undefined {
  return REGION_ZONES[regionCode.slice(0, 2)];
}
