package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.validation.RequestValidator;

/**
 * localcloud's DynamoDB: the operations of API version 2012-08-10 on JSON requests, answering
 * JSON or throwing AwsException. It never sees HTTP; {@link DynamoDbHandler} does that.
 */
public final class DynamoDbService implements AutoCloseable {

    private final TableRegistry tables;
    private final TableControlPlane controlPlane;
    private final ItemAccess itemAccess;
    private final QueryAndScan queryAndScan;
    private final Transactions transactions;
    private final TimeToLiveSweeper sweeper;

    public DynamoDbService(CloudContext context) {
        this.tables = new TableRegistry(context.storage(), context.clock(), context.timing());
        this.controlPlane = new TableControlPlane(tables, context.accountId());
        this.itemAccess = new ItemAccess(tables);
        this.queryAndScan = new QueryAndScan(tables);
        this.transactions = new Transactions(tables);
        this.sweeper = new TimeToLiveSweeper(tables);
    }

    /**
     * Runs one operation ("PutItem", ...) on its parsed request body, once the body has passed
     * the service model's checks (JSON types, then every parameter's constraints). Stored items appear in
     * the answer as pre-rendered raw JSON values (written out as they are, not walkable as a
     * tree): serialise the answer before reading items from it.
     *
     * @param region the region the caller signed for; it goes into the ARNs of new tables
     */
    public ObjectNode call(String operation, JsonNode request, String region) {
        RequestValidator.validate(operation, request);
        return switch (operation) {
            case "CreateTable" -> controlPlane.createTable(request, region);
            case "DescribeTable" -> controlPlane.describeTable(request);
            case "ListTables" -> controlPlane.listTables(request);
            case "UpdateTable" -> controlPlane.updateTable(request);
            case "DeleteTable" -> controlPlane.deleteTable(request);
            case "TagResource" -> controlPlane.tagResource(request);
            case "UntagResource" -> controlPlane.untagResource(request);
            case "ListTagsOfResource" -> controlPlane.listTagsOfResource(request);
            case "DescribeTimeToLive" -> controlPlane.describeTimeToLive(request);
            case "UpdateTimeToLive" -> controlPlane.updateTimeToLive(request);
            case "PutItem" -> itemAccess.putItem(request);
            case "GetItem" -> itemAccess.getItem(request);
            case "UpdateItem" -> itemAccess.updateItem(request);
            case "DeleteItem" -> itemAccess.deleteItem(request);
            case "BatchGetItem" -> itemAccess.batchGetItem(request);
            case "BatchWriteItem" -> itemAccess.batchWriteItem(request);
            case "Query" -> queryAndScan.query(request);
            case "Scan" -> queryAndScan.scan(request);
            case "TransactWriteItems" -> transactions.transactWriteItems(request);
            case "TransactGetItems" -> transactions.transactGetItems(request);
            default -> throw new AwsException("UnknownOperationException", 400,
                    "localcloud's DynamoDB does not support the operation " + operation);
        };
    }

    @Override
    public void close() {
        sweeper.close();
    }
}
