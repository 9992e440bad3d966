package dev.chatlab.localcloud.http;

import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Sits in front of the {@link JettyAdapter} and hands a WebSocket upgrade to the endpoint it is
 * addressed to, when that endpoint takes upgrades ({@link HttpEndpoint#webSockets()}) and
 * takes this one; every other request passes through unchanged. The endpoint is the one the
 * request would reach as plain HTTP ({@link RequestDispatcher#serviceOf}).
 */
public final class WebSocketUpgrades extends Handler.Wrapper {

    private final RequestDispatcher dispatcher;
    private final ServerWebSocketContainer container;

    /** @param endpoints every endpoint of the server; those that take upgrades set the WebSocket container's limits */
    public WebSocketUpgrades(Server server, RequestDispatcher dispatcher, List<? extends HttpEndpoint> endpoints, Handler next) {
        this.dispatcher = dispatcher;
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container ->
                endpoints.forEach(endpoint -> endpoint.webSockets().ifPresent(webSockets -> webSockets.configure(container))));
        upgrades.setHandler(next);
        setHandler(upgrades);
        this.container = upgrades.getServerWebSocketContainer();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            AwsRequest head = JettyAdapter.toAwsRequest(request, null);
            HttpEndpoint endpoint = dispatcher.serviceOf(head);
            Optional<WebSocketCreator> creator = endpoint == null ? Optional.empty()
                    : endpoint.webSockets().flatMap(webSockets -> webSockets.upgrade(head));
            if (creator.isPresent() && container.upgrade(creator.get(), request, response, callback)) {
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
