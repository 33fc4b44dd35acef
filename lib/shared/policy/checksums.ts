/** Checksums that tell a national ID from any other run of digits. */

/** Thailand's 13-digit citizen ID: the last digit is (11 - sum(d[i] * (13 - i)) mod 11) mod 10. */
export function isThaiNationalId(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** Singapore NRIC/FIN (S, T, F, G series checked; M series accepted on its format). */
export function isSingaporeNric(id: string): boolean {
  const m = /^([stfgm])(\d{7})([a-z])$/i.exec(id);
  if (!m) return false;
  const prefix = m[1]!.toLowerCase();
  if (prefix === 'm') return true;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(m[2]![i]) * NRIC_WEIGHTS[i]!;
  if (prefix === 't' || prefix === 'g') sum += 4;
  const table = prefix === 's' || prefix === 't' ? 'jzihgfedcba' : 'xwutrqpnmlk';
  return table[sum % 11] === m[3]!.toLowerCase();
}

export function passesLuhn(digits: string): boolean {
  const d = digits.replace(/\D/g, '');
  if (d.length < 12) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

export function passesCheck(
  check: 'th-national-id' | 'sg-nric' | 'luhn',
  matched: string,
): boolean {
  switch (check) {
    case 'th-national-id':
      return isThaiNationalId(matched.replace(/\D/g, '').slice(-13));
    case 'sg-nric':
      return isSingaporeNric(matched.replace(/[^0-9a-z]/gi, ''));
    case 'luhn':
      return passesLuhn(matched);
  }
}
