package dev.distill.referenceteacher.service;

/**
 * One digit of a plain whole number (no sign, no leading zero) misread by one, as the arithmetic recognisers' slips
 * do: the result is another plain whole number of the same length.
 */
final class DigitSlips {

    private DigitSlips() {
    }

    /** A digit chosen by {@code bits >>> 8}, moved up or down by {@code bits >>> 16}. */
    static String misread(String number, long bits) {
        int position = (int) Math.floorMod(bits >>> 8, (long) number.length());
        return misreadAt(number, position, ((bits >>> 16) & 1L) == 0);
    }

    /** The digit at {@code position} one up (or down), turned round where that would leave the digits or the format. */
    static String misreadAt(String number, int position, boolean up) {
        char[] digits = number.toCharArray();
        int digit = digits[position] - '0';
        boolean leading = position == 0 && digits.length > 1;
        if (digit == 9 || (!up && digit == 0) || (!up && leading && digit == 1)) {
            up = digit != 9;
        }
        digits[position] = (char) ('0' + digit + (up ? 1 : -1));
        return new String(digits);
    }
}
