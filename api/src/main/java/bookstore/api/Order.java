package bookstore.api;

import java.math.BigDecimal;

/**
 * An acknowledged order ({@code POST /api/orders} answer, {@code GET /api/orders/{n}}).
 *
 * @param orderNumber gapless, increasing number assigned by the order primary
 * @param itemId the item bought
 * @param quantity units bought, at least 1
 * @param unitPrice the item's price when the stock was taken
 */
public record Order(long orderNumber, int itemId, int quantity, BigDecimal unitPrice) {}
