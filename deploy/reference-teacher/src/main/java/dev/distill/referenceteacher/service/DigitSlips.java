package dev.distill.referenceteacher.service;

/**
 * One digit of a plain integer (an optional minus sign, no leading zero, never {@code -0}) misread by one, as the
 * recognisers' slips do: the result is another plain integer with as many digits.
 */
final class DigitSlips {

    private DigitSlips() {
    }

    /** A digit chosen by {@code bits >>> 8}, moved up or down by {@code bits >>> 16}; the sign is kept. */
    static String misread(String number, long bits) {
        boolean negative = number.startsWith("-");
        String magnitude = negative ? number.substring(1) : number;
        int position = (int) Math.floorMod(bits >>> 8, (long) magnitude.length());
        boolean up = ((bits >>> 16) & 1L) == 0;
        return (negative ? "-" : "") + misreadAt(magnitude, position, up, negative);
    }

    /** The digit at {@code position} of a whole number one up (or down), turned round where it would break the form. */
    static String misreadAt(String number, int position, boolean up) {
        return misreadAt(number, position, up, false);
    }

    private static String misreadAt(String digitsOnly, int position, boolean up, boolean negative) {
        char[] digits = digitsOnly.toCharArray();
        int digit = digits[position] - '0';
        // a leading digit may not become 0 (a leading zero reads differently), nor may a negative number's only digit
        boolean mustStayNonZero = position == 0 && (digits.length > 1 || negative);
        if (digit == 9 || (!up && digit == 0) || (!up && mustStayNonZero && digit == 1)) {
            up = digit != 9;
        }
        digits[position] = (char) ('0' + digit + (up ? 1 : -1));
        return new String(digits);
    }
}
