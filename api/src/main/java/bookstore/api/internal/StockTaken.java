package bookstore.api.internal;

import java.math.BigDecimal;

/**
 * The catalog's answer to a successful stock decrement.
 *
 * @param itemId the item
 * @param quantity units taken
 * @param unitPrice price at the moment of the decrement
 * @param stockLeft stock after the decrement, never negative
 * @param sequence catalog write sequence number of the decrement
 */
public record StockTaken(
    int itemId, int quantity, BigDecimal unitPrice, int stockLeft, long sequence) {}
